/**
 * The e2e tier: a real n8n 2.41.1 (Node 24, installed outside the repository by
 * test/e2e/install-n8n.sh) loads the built package from its community-nodes folder
 * and talks to the real sidecar CLI, which drives the fake WhatsApp Web.
 * Run with `npm run test:e2e` (one file at a time: each starts n8n, a sidecar and Chromium).
 * The global setup installs n8n when missing (minutes, once) and builds the nodes.
 */
module.exports = {
	rootDir: __dirname,
	displayName: 'e2e',
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	moduleFileExtensions: ['ts', 'js', 'json'],
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/dist/'],
	globalSetup: '<rootDir>/test/e2e/support/globalSetup.ts',
	setupFilesAfterEnv: ['<rootDir>/test/e2e/support/setup.ts'],
	slowTestThreshold: 120,
};
