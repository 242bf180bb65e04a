/**
 * Two projects so the quick suite can run alone:
 * - unit: mocks and in-process fakes only, no browser.
 * - browser: the real whatsapp-web.js driving real headless Chromium against the
 *   fake WhatsApp Web (`*.browser.test.ts`). Slower, and long timeouts because a
 *   shared 2-core machine can be slow to start Chromium.
 * The e2e tier (a real n8n, `*.e2e.test.ts`) is not here: it has its own config,
 * jest.e2e.config.js (`npm run test:e2e`), so `npm test` never installs or starts n8n.
 */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }];

const common = {
	rootDir: __dirname,
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	moduleFileExtensions: ['ts', 'js', 'json'],
	testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
	projects: [
		{
			...common,
			displayName: 'unit',
			testMatch: ['<rootDir>/test/**/*.test.ts'],
			testPathIgnorePatterns: [...common.testPathIgnorePatterns, '\\.browser\\.test\\.ts$', '\\.e2e\\.test\\.ts$'],
			setupFilesAfterEnv: ['<rootDir>/test/support/cleanupSetup.ts'],
		},
		{
			...common,
			displayName: 'browser',
			testMatch: ['<rootDir>/test/**/*.browser.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/support/browserSetup.ts'],
			slowTestThreshold: 60,
		},
	],
};
