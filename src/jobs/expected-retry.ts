/**
 * A job failure that is part of normal operation, such as a webhook that reaches us before the
 * Link exchange that creates its Item has committed: a retry cures it, so it is logged at info,
 * by its message, without a stack.
 */
export class ExpectedRetry extends Error {}
