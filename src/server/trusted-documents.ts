import { createHash } from 'node:crypto';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { TrustedDocumentsManifest } from '../config/trusted-documents-manifest';
import { DomainError } from '../errors/domain-error';

/**
 * The operations a production deployment runs for its own apps (TRUSTED_DOCUMENTS). Anything
 * else is refused unless the token has the partner scope, so partners and the explorer stay
 * free to explore while a stolen app token cannot run arbitrary queries.
 */
export class TrustedDocuments {
  /**
   * Each document as graphql-codegen normalises it for its manifest (sorted selections, no
   * extra whitespace): an app's operation matches whatever its field order and formatting.
   */
  private readonly printed: Set<string>;
  /** APQ's key, SHA-256 of the exact text: apps may send a trusted document's hash alone. */
  private readonly bySha256: Map<string, string>;

  constructor(
    manifest: TrustedDocumentsManifest,
    private readonly partnerScope: string,
  ) {
    const documents = Object.values(manifest);
    this.printed = new Set(documents.map((document) => printExecutableGraphQLDocument(parse(document))));
    this.bySha256 = new Map(documents.map((document) => [createHash('sha256').update(document).digest('hex'), document]));
  }

  documentBySha256(hash: string): string | undefined {
    return this.bySha256.get(hash);
  }

  /** PERSISTED_QUERY_NOT_IN_LIST for an operation outside the manifest from a caller without the partner scope. */
  refusal(user: AuthenticatedUser | null, document: DocumentNode): GraphQLError | undefined {
    if (user?.scopes.includes(this.partnerScope) || this.printed.has(printExecutableGraphQLDocument(document))) return undefined;
    const error = new DomainError(
      'PERSISTED_QUERY_NOT_IN_LIST',
      `This operation is not one of the gateway's trusted documents; only tokens with the "${this.partnerScope}" scope may run others`,
    );
    return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code } });
  }
}
