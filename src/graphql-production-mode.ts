/**
 * graphql-js picks its `instanceof` at load time from NODE_ENV: outside production it checks
 * every type test for a second copy of graphql (6.5% of the dashboard's CPU). package.json
 * pins one copy for every dependency, so the check can never fire: load graphql's helper in
 * production mode whatever NODE_ENV says, and leave NODE_ENV as it was for everything else.
 * Must be imported before anything imports graphql.
 */
const nodeEnv = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would be hoisted above the assignment
require('graphql/jsutils/instanceOf');
if (nodeEnv === undefined) delete process.env.NODE_ENV;
else process.env.NODE_ENV = nodeEnv;
