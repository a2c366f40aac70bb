import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/** One generated request: what a hostile or careless client might POST to /graphql. */
export interface HostileRequest {
  kind: string;
  body: unknown;
}

/** A small seeded generator (mulberry32): the same seed gives the same documents, so a failure replays. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Documents built to hurt the parse, validate and cost path: deep, wide, fragment-heavy, huge
 * strings, odd variables, token soup, mutated valid documents and introspection, from the real
 * schema so that many of them get past parsing and validation into costing and execution.
 * Only queries and subscriptions are made valid-looking: a mutation that passed would call Plaid.
 */
export class HostileDocuments {
  private readonly random: () => number;
  private readonly generators: Array<[string, () => HostileRequest['body']]>;

  constructor(
    private readonly schema: GraphQLSchema,
    seed: number,
  ) {
    this.random = seededRandom(seed);
    this.generators = [
      ['schema-walk', () => this.withVariables(this.schemaWalk())],
      ['deep', () => ({ query: this.deep() })],
      ['wide', () => ({ query: this.wide() })],
      ['fragment-heavy', () => ({ query: this.fragmentHeavy() })],
      ['huge-string', () => ({ query: this.hugeString() })],
      ['odd-variables', () => this.oddVariables()],
      ['token-soup', () => ({ query: this.tokenSoup() })],
      ['mutated', () => ({ query: this.mutate(this.schemaWalk().query) })],
      ['directive-heavy', () => ({ query: this.directiveHeavy() })],
      ['introspection', () => ({ query: this.introspection() })],
      ['odd-payload', () => this.oddPayload()],
      ['repeated-fields', () => ({ query: this.repeatedFields() })],
    ];
  }

  next(): HostileRequest {
    const [kind, generate] = this.pick(this.generators);
    return { kind, body: generate() };
  }

  private int(max: number): number {
    return Math.floor(this.random() * max);
  }

  private pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)];
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  /** A selection from the root types down the real schema, with aliases, arguments, fragments. */
  private schemaWalk(): { query: string; variableTypes: Map<string, GraphQLInputType> } {
    const variableTypes = new Map<string, GraphQLInputType>();
    const fragments: string[] = [];
    const root = this.chance(0.85) ? this.schema.getQueryType()! : (this.schema.getSubscriptionType() ?? this.schema.getQueryType()!);
    const body = this.selectionOf(root, 0, 2 + this.int(10), variableTypes, fragments);
    const keyword = root === this.schema.getSubscriptionType() ? 'subscription' : 'query';
    const definitions = [...variableTypes].map(([name, type]) => `$${name}: ${String(type)}`).join(', ');
    const head = definitions ? `${keyword} Fuzz(${definitions})` : `${keyword} Fuzz`;
    return { query: [`${head} ${body}`, ...fragments].join('\n'), variableTypes };
  }

  private selectionOf(
    type: GraphQLNamedType,
    depth: number,
    maxDepth: number,
    variables: Map<string, GraphQLInputType>,
    fragments: string[],
  ): string {
    if (isUnionType(type)) {
      return `{ __typename ${type
        .getTypes()
        .map((member) => `... on ${member.name} ${this.selectionOf(member, depth + 1, maxDepth, variables, fragments)}`)
        .join(' ')} }`;
    }
    if (!isObjectType(type) && !isInterfaceType(type)) return '';
    const fields = Object.values(type.getFields());
    const count = 1 + this.int(Math.min(fields.length, 6));
    const parts: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const field = this.pick(fields);
      const alias = this.chance(0.2) ? `a${this.int(1000)}: ` : '';
      const args = this.argumentsOf(field, variables);
      const named = getNamedType(field.type);
      if (isLeafType(named)) {
        parts.push(`${alias}${field.name}${args}`);
      } else if (depth >= maxDepth) {
        parts.push(`${alias}${field.name}${args} { __typename }`);
      } else if (this.chance(0.15) && (isObjectType(named) || isInterfaceType(named))) {
        const name = `F${fragments.length}`;
        fragments.push(`fragment ${name} on ${named.name} ${this.selectionOf(named, depth + 1, maxDepth, variables, fragments)}`);
        parts.push(`${alias}${field.name}${args} { ...${name} }`);
      } else {
        parts.push(`${alias}${field.name}${args} ${this.selectionOf(named, depth + 1, maxDepth, variables, fragments)}`);
      }
    }
    return `{ ${parts.join(' ')} }`;
  }

  private argumentsOf(field: GraphQLField<unknown, unknown>, variables: Map<string, GraphQLInputType>): string {
    if (field.args.length === 0 || this.chance(0.3)) return '';
    const parts = field.args
      .filter(() => this.chance(0.7))
      .map((arg) => {
        if (this.chance(0.3)) {
          const name = `v${variables.size}`;
          variables.set(name, arg.type);
          return `${arg.name}: $${name}`;
        }
        return `${arg.name}: ${this.literalOf(arg.type, 0)}`;
      });
    return parts.length > 0 ? `(${parts.join(', ')})` : '';
  }

  /** A literal of the right type most of the time, of a wrong or extreme one otherwise. */
  private literalOf(type: GraphQLInputType, depth: number): string {
    if (this.chance(0.15))
      return this.pick(['null', '-1', '2147483648', '1e308', '""', '[]', '{}', 'true', `"${'x'.repeat(this.int(5000))}"`]);
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      return `[${Array.from({ length: this.int(depth > 2 ? 1 : 5) }, () => this.literalOf(inner.ofType, depth + 1)).join(', ')}]`;
    }
    if (isEnumType(inner)) return this.pick(inner.getValues()).name;
    if (isInputObjectType(inner)) {
      if (depth > 3) return '{}';
      const fields = Object.values(inner.getFields()).map((f) => `${f.name}: ${this.literalOf(f.type, depth + 1)}`);
      return `{ ${fields.join(', ')} }`;
    }
    if (isScalarType(inner)) {
      switch (inner.name) {
        case 'Int':
          return String(this.int(200) - 20);
        case 'Float':
          return String(this.random() * 1e6);
        case 'Boolean':
          return this.chance(0.5) ? 'true' : 'false';
        default:
          return JSON.stringify(this.pick(['', 'abc', '2026-01-01', '12.34', '-0.00', 'ÿ\u0000', '\ud800', 'x'.repeat(this.int(300))]));
      }
    }
    return 'null';
  }

  private withVariables({ query, variableTypes }: { query: string; variableTypes: Map<string, GraphQLInputType> }): unknown {
    const variables: Record<string, unknown> = {};
    for (const [name] of variableTypes) if (this.chance(0.8)) variables[name] = this.oddValue(0);
    return { query, variables };
  }

  /** Odd, and big enough to hurt, but no bigger than a request body may be: a larger one would time its upload. */
  private oddValue(depth: number): unknown {
    switch (this.int(depth > 3 ? 6 : 9)) {
      case 0:
        return null;
      case 1:
        return this.int(100);
      case 2:
        return Number.MAX_SAFE_INTEGER * (this.chance(0.5) ? 1 : -1);
      case 3:
        return 'x'.repeat(this.int(5_000));
      case 4:
        return this.chance(0.5);
      case 5:
        return this.random() * 1e300;
      case 6:
        return Array.from({ length: this.int(500) }, () => this.int(10));
      case 7:
        return Object.fromEntries(Array.from({ length: this.int(20) }, (_, i) => [`k${i}`, this.oddValue(depth + 1)]));
      default:
        return [this.oddValue(depth + 1), this.oddValue(depth + 1)];
    }
  }

  private deep(): string {
    const levels = 10 + this.int(400);
    const field = this.pick(['me', 'a', 'items', '__schema', '__type(name: "Query")']);
    return `query Deep ${'{ '.repeat(1)}${`${field} { `.repeat(levels)}__typename${' }'.repeat(levels)} }`;
  }

  private wide(): string {
    const count = 50 + this.int(3_000);
    const field = this.pick(['__typename', 'me { id }', 'items { id }', 'nope']);
    const aliased = this.chance(0.5);
    return `{ ${Array.from({ length: count }, (_, i) => (aliased ? `a${i}: ${field}` : field)).join(' ')} }`;
  }

  /** Levels of fragments each spreading the next many times: exponential if anyone walks them naively. */
  private fragmentHeavy(): string {
    const levels = 2 + this.int(6);
    const spreads = 2 + this.int(300);
    const cycle = this.chance(0.1);
    const fragments = Array.from({ length: levels }, (_, level) => {
      const next = level + 1 < levels ? `...L${level + 1} `.repeat(spreads) : cycle ? '...L0' : '__typename id';
      return `fragment L${level} on ${this.pick(['User', 'Query', 'Item'])} { ${next} }`;
    });
    return [`query Bomb { me { ...L0 } }`, ...fragments].join('\n');
  }

  /** The same field again and again, flat or doubling at every level: quadratic for a naive merge check. */
  private repeatedFields(): string {
    const field = this.pick(['items { id }', 'me { id }', 'transactions { edges { node { id } } }', 'id']);
    if (this.chance(0.5)) return `{ ${`${field} `.repeat(2 + this.int(600))} }`;
    const fanOut = 2 + this.int(3);
    const nest = (depth: number): string =>
      depth === 0 ? 'id' : Array.from({ length: fanOut }, () => `me { ${nest(depth - 1)} }`).join(' ');
    return `{ ${nest(1 + this.int(8))} }`;
  }

  private hugeString(): string {
    // Up to twice MAX_REQUEST_BYTES (100 KiB): past it is refused unread, and more would time the upload, not the gateway.
    const size = this.pick([1_000, 10_000, 30_000, 90_000, 200_000]);
    const unit = this.pick(['a', '\\u0041', '\\"', 'é', '\\uD83D\\uDE00']);
    const text = unit.repeat(Math.ceil(size / unit.length));
    return this.chance(0.5)
      ? `{ transactions(first: 5, after: "${text}") { edges { cursor } } }`
      : `{ __type(name: """${text}""") { name } }`;
  }

  private oddVariables(): unknown {
    const { query, variableTypes } = this.schemaWalk();
    const variables: Record<string, unknown> = {};
    for (const [name] of variableTypes) variables[name] = this.oddValue(0);
    for (let i = 0; i < this.int(20); i += 1) variables[`extra${i}`] = this.oddValue(0);
    return this.pick([
      { query, variables },
      { query, variables: this.oddValue(0) },
      { query, variables: JSON.stringify(variables) },
    ]);
  }

  private tokenSoup(): string {
    const tokens = [
      '{',
      '}',
      '(',
      ')',
      '[',
      ']',
      ':',
      '$',
      '@',
      '...',
      '!',
      '=',
      '|',
      '&',
      'query',
      'mutation',
      'subscription',
      'fragment',
      'on',
      'me',
      'items',
      '"s"',
      '"""b"""',
      '1',
      '1.5e3',
      'null',
      'true',
      '#c\n',
      ',',
      '\u0000',
      '\ufeff',
    ];
    return Array.from({ length: 1 + this.int(2_000) }, () => this.pick(tokens)).join(this.chance(0.5) ? ' ' : '');
  }

  private mutate(query: string): string {
    let text = query;
    for (let i = 0; i < 1 + this.int(10); i += 1) {
      const at = this.int(text.length + 1);
      switch (this.int(3)) {
        case 0:
          text = text.slice(0, at) + text.slice(at + 1 + this.int(5));
          break;
        case 1:
          text = text.slice(0, at) + this.pick(['{', '}', '(', '$', '...', '@skip', '"', '#', 'on X', '\\']) + text.slice(at);
          break;
        default:
          text = text.slice(0, at) + text.slice(at, at + this.int(50)).repeat(1 + this.int(20)) + text.slice(at);
      }
    }
    return text;
  }

  private directiveHeavy(): string {
    const count = 1 + this.int(500);
    const directives = Array.from({ length: count }, () =>
      this.pick(['@include(if: true)', '@skip(if: false)', '@unknown', '@deprecated', '@skip(if: $x)']),
    ).join(' ');
    return `query D($x: Boolean = false) { me ${directives} { id ${directives} } }`;
  }

  private introspection(): string {
    const depth = 1 + this.int(30);
    const ofType = `ofType { name kind `.repeat(depth) + '}'.repeat(depth);
    return this.pick([
      `{ __schema { types { name fields(includeDeprecated: true) { name args { name type { ${ofType} } } type { ${ofType} } } } } }`,
      `{ __type(name: "${this.pick(['Query', 'Item', '', 'x'.repeat(1000)])}") { name fields { name } } }`,
      `{ __schema { queryType { fields { type { fields { type { fields { name } } } } } } } }`,
    ]);
  }

  private oddPayload(): unknown {
    return this.pick<unknown>([
      { query: 12 },
      { query: ['{ me { id } }'] },
      { query: null },
      {},
      { query: '{ me { id } }', operationName: 'x'.repeat(this.int(10_000)) },
      { query: '{ me { id } }', operationName: 42 },
      { query: '{ me { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'zz' } } },
      { query: '{ me { id } }', extensions: 'nope' },
      [{ query: '{ me { id } }' }],
      'string body',
    ]);
  }
}
