/**
 * Two projects so the quick suite can run alone:
 * - unit: mocks and in-process fakes only, no browser.
 * - browser: the real whatsapp-web.js driving real headless Chromium against the
 *   fake WhatsApp Web (`*.browser.test.ts`). Slower, and long timeouts because a
 *   shared 2-core machine can be slow to start Chromium.
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
			testPathIgnorePatterns: [...common.testPathIgnorePatterns, '\\.browser\\.test\\.ts$'],
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
