// The real-browser journeys (test/browser/*.journey.ts): they need Debian's chromium, so `npm test` leaves them out
// and `npm run test:browser` runs them, with the same transforms and per-file databases as the suite.
const suite = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...suite,
  testMatch: ['<rootDir>/test/browser/**/*.journey.ts'],
  testTimeout: 120000,
};
