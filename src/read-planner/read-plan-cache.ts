import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { ReadPlan } from './read-plan';

/**
 * Plans kept beside their parsed document (Apollo reuses the DocumentNode of a query it saw
 * before), per operation and per shape of the variables: the values of the Boolean ones,
 * which `@skip`/`@include` and `balances(realtime:)` read. At most `plansPerOperation` shapes
 * per operation, the least recently used going first: 2^n shapes of n Booleans stay bounded.
 */
export class ReadPlanCache {
  private readonly documents = new WeakMap<DocumentNode, Map<OperationDefinitionNode, Map<string, ReadPlan>>>();

  constructor(private readonly plansPerOperation: number) {}

  planOf(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
    compile: () => ReadPlan,
  ): ReadPlan {
    let operations = this.documents.get(document);
    if (!operations) this.documents.set(document, (operations = new Map<OperationDefinitionNode, Map<string, ReadPlan>>()));
    let shapes = operations.get(operation);
    if (!shapes) operations.set(operation, (shapes = new Map<string, ReadPlan>()));
    const shape = shapeOf(variables);
    const kept = shapes.get(shape);
    if (kept) {
      // A Map iterates in insertion order: moved to the end, the first key is the least recently used.
      shapes.delete(shape);
      shapes.set(shape, kept);
      return kept;
    }
    const plan = compile();
    shapes.set(shape, plan);
    if (shapes.size > this.plansPerOperation) shapes.delete(shapes.keys().next().value as string);
    return plan;
  }

  /** How many shapes of this operation are kept (for tests of the bound). */
  size(document: DocumentNode, operation: OperationDefinitionNode): number {
    return this.documents.get(document)?.get(operation)?.size ?? 0;
  }
}

/** Which variables are true and which false; a plan depends on nothing else of them. */
function shapeOf(variables: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(variables)
      .filter((name) => typeof variables[name] === 'boolean')
      .sort()
      .map((name) => [name, variables[name]]),
  );
}
