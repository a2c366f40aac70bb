import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { DomainError } from '../errors/domain-error';

/**
 * Who may see the schema: the explorer page, introspection and "Did you mean ...?" hints.
 * Outside production everyone; in production only tokens with the partner scope, so that
 * the schema cannot be mapped by anyone else, not even field by field through suggestions.
 */
export class SchemaVisibility {
  constructor(
    private readonly restricted: boolean,
    readonly partnerScope: string,
  ) {}

  mayExplore(user: AuthenticatedUser | null): boolean {
    return !this.restricted || (user?.scopes.includes(this.partnerScope) ?? false);
  }

  /** FORBIDDEN when the document introspects (`__schema`, `__type`) and the caller may not. */
  introspectionError(user: AuthenticatedUser | null, document: DocumentNode): GraphQLError | undefined {
    if (this.mayExplore(user) || !introspects(document)) return undefined;
    const error = new DomainError('FORBIDDEN', `Introspection needs a token with the "${this.partnerScope}" scope`);
    return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code } });
  }

  /** Removes field, argument, type and enum value suggestions from messages the caller may not see. */
  hideSuggestions(user: AuthenticatedUser | null, errors: readonly GraphQLError[]): void {
    if (this.mayExplore(user)) return;
    for (const error of errors) error.message = withoutSuggestion(error.message);
  }
}

/**
 * graphql-js appends every hint as a final ` Did you mean ...?` (for fields, arguments, types
 * and enum values alike); graphql-armor's mask matches only the quoted-name form.
 */
export function withoutSuggestion(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?$/, '');
}

function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}
