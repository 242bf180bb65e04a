// n8n's community-node rules for nodes/ and credentials/ (cloud support disabled:
// the package needs a self-hosted sidecar, so it can never be an n8n Cloud node).
// The sidecar and the tests are ordinary TypeScript programs: they may use process,
// timers, the console and their own dependencies.
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

const ordinaryTypeScript = ['sidecar/**/*.ts', 'test/**/*.ts'];

export default [
	...configWithoutCloudSupport,
	{ ignores: ['sidecar/dist/**', 'coverage/**'] },
	{
		files: ordinaryTypeScript,
		rules: {
			'no-console': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
];
