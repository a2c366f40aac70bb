import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, print } from 'graphql';
import type { Client } from 'graphql-ws';
import { documentHash, postPersisted } from '../../support/persisted-query';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import { connectWs, runWs } from '../../support/ws-client';

const ME = 'query Me {\n  me {\n    id\n  }\n}';
const UNTRUSTED = '{ me { id items { id } } }';

describe('trusted documents (TRUSTED_DOCUMENTS)', () => {
  let gateway: TestGateway;
  let directory: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'trusted-documents-'));
    const manifest = path.join(directory, 'persisted-documents.json');
    // The key is whatever the generator used (codegen's default is sha1); the gateway does not rely on it.
    await writeFile(manifest, JSON.stringify({ 'sha1-of-me': ME, 'sha1-of-items': 'query Items { items { id status } }' }));
    gateway = await startTestGateway({ TRUSTED_DOCUMENTS: manifest });
  });

  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await gateway?.close();
    await rm(directory, { recursive: true, force: true });
  });

  const ws = (token: string) => {
    const client = connectWs(gateway.wsUrl, `Bearer ${token}`);
    clients.push(client);
    return client;
  };

  describe('over HTTP', () => {
    it('runs a trusted document, whatever its whitespace', async () => {
      const userId = newUserId();
      const answer = await gateway.graphql('query Me { me { id } }', { token: await gateway.tokenFor(userId) });
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ me: { id: userId } });
    });

    it('runs a trusted document with its fields in another order, as codegen normalises them for its manifest', async () => {
      const answer = await gateway.graphql('query Items { items { status id } }', { token: await gateway.tokenFor(newUserId()) });
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ items: [] });
    });

    it("serves a trusted document's SHA-256 alone, with no registration first", async () => {
      const userId = newUserId();
      const answer = await postPersisted(gateway.url, documentHash(ME), { token: await gateway.tokenFor(userId) });
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ me: { id: userId } });
    });

    it('refuses any other operation with PERSISTED_QUERY_NOT_IN_LIST, before it runs', async () => {
      const answer = await gateway.graphql(UNTRUSTED, { token: await gateway.tokenFor(newUserId()) });
      expect(answer.status).toBe(400);
      expect(answer.data).toBeUndefined();
      expect(answer.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/not one of the gateway's trusted documents.*"partner" scope/),
          extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' },
        }),
      ]);
    });

    it('lets a token with the partner scope run any operation', async () => {
      const userId = newUserId();
      const answer = await gateway.graphql(UNTRUSTED, { token: await gateway.tokenFor(userId, ['partner']) });
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ me: { id: userId, items: [] } });
    });
  });

  describe('over WebSocket', () => {
    it('runs a trusted document', async () => {
      const userId = newUserId();
      expect(await runWs(ws(await gateway.tokenFor(userId)), ME)).toEqual({ data: { me: { id: userId } } });
    });

    it('refuses any other operation with PERSISTED_QUERY_NOT_IN_LIST', async () => {
      const answer = await runWs(ws(await gateway.tokenFor(newUserId())), UNTRUSTED);
      expect(answer).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' } })] });
    });

    it('refuses an untrusted subscription too', async () => {
      const answer = await runWs(ws(await gateway.tokenFor(newUserId())), 'subscription { itemStatusChanged { status } }');
      expect(answer).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' } })] });
    });

    it('lets a token with the partner scope run any operation', async () => {
      const userId = newUserId();
      expect(await runWs(ws(await gateway.tokenFor(userId, ['partner'])), UNTRUSTED)).toEqual({ data: { me: { id: userId, items: [] } } });
    });
  });
});

describe("the example web app's own manifest as TRUSTED_DOCUMENTS", () => {
  const MANIFEST = path.resolve(__dirname, '../../../examples/web/src/gql/persisted-documents.json');
  let gateway: TestGateway;
  let manifest: Record<string, string>;

  beforeAll(async () => {
    manifest = JSON.parse(await readFile(MANIFEST, 'utf8')) as Record<string, string>;
    gateway = await startTestGateway({ TRUSTED_DOCUMENTS: MANIFEST });
  });

  afterAll(async () => {
    await gateway?.close();
  });

  const appDocument = (operationName: string) =>
    Object.values(manifest).find((document) => document.startsWith(`query ${operationName} `))!;

  it("runs the app's operations as urql sends them (printed, fields in the order written) and by their hash", async () => {
    const token = await gateway.tokenFor(newUserId());
    const items = appDocument('Items');
    // The document as written in the app, which urql prints and sends: not the manifest's sorted text.
    const operations = await readFile(path.resolve(__dirname, '../../../examples/web/src/operations.ts'), 'utf8');
    const asSent = print(parse(/graphql\(`(\s*query Items \{[\s\S]*?)`\)/.exec(operations)![1]));
    expect(asSent.replace(/\s+/g, ' ')).not.toContain(items.replace(/\s+/g, ' ').slice(0, 40));
    expect(await gateway.graphql(asSent, { token })).toMatchObject({ status: 200, data: { items: [] } });
    const [hash] = Object.entries(manifest).find(([, document]) => document === items)!;
    expect(await postPersisted(gateway.url, hash.replace(/^sha256:/, ''), { token })).toMatchObject({ status: 200, data: { items: [] } });
  });

  it('refuses anything else', async () => {
    const answer = await gateway.graphql('{ me { id } }', { token: await gateway.tokenFor(newUserId()) });
    expect(answer.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });
});
