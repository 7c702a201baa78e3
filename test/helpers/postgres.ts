// The test server lives in src/tools/pg-server.ts so that `npm run bench` can start one too.
export * from '../../src/tools/pg-server.js';
