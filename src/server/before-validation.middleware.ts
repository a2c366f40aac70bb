import type { RequestHandler } from 'express';
import { parse, type DocumentNode } from 'graphql';
import type { OperationLimits } from './operation-limits';
import { sentQuery } from './request-body';

/**
 * OperationLimits.beforeValidation on Apollo's path. Apollo validates right after it parses and
 * no plugin hook in between can refuse (an error thrown there is a 500), so the document is
 * parsed here first, within the same token limit; a document that does not parse is left to
 * Apollo, which reports it. Parsing twice costs tens of microseconds for an app's document.
 */
export function beforeValidation(limits: OperationLimits): RequestHandler {
  return (req, res, next) => {
    const query = sentQuery(req);
    if (typeof query !== 'string') return next();
    let document: DocumentNode;
    try {
      document = parse(query, limits.parseOptions);
    } catch {
      return next();
    }
    const errors = limits.beforeValidation(document);
    if (errors.length === 0) return next();
    res.status(400).json({ errors: errors.map((error) => ({ message: error.message, extensions: error.extensions })) });
  };
}
