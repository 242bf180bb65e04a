// n8n's community-node rules for the n8n package (nodes/, credentials/, package.json),
// with cloud support disabled: the package needs a self-hosted sidecar, so it can
// never be an n8n Cloud node. The sidecar, the tests and scripts/ are ordinary TypeScript
// programs: they may use process, timers, the console and their own dependencies.
import { config as cloudConfig, configWithoutCloudSupport } from '@n8n/node-cli/eslint';

const communityRulesOff = Object.fromEntries(
	configWithoutCloudSupport
		.flatMap((block) => Object.keys(block.rules ?? {}))
		.filter((rule) => rule.startsWith('@n8n/community-nodes/'))
		.map((rule) => [rule, 'off']),
);

// The wire contract (sidecar/src/contract) is compiled into the n8n package too: it is held to
// the strictest community rules (n8n Cloud's: crypto as the only import, no process or timers).
const contractRules = Object.fromEntries(
	cloudConfig
		.flatMap((block) => Object.entries(block.rules ?? {}))
		.filter(([rule]) => rule.startsWith('@n8n/community-nodes/') || rule === 'no-console'),
);

export default [
	...configWithoutCloudSupport,
	{ ignores: ['sidecar/dist/**', 'coverage/**'] },
	{
		files: ['sidecar/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
		rules: {
			...communityRulesOff,
			'no-console': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{ files: ['sidecar/src/contract/**/*.ts'], rules: contractRules },
	{
		// The composition root reads top to bottom (create the parts, connect them, start them):
		// nothing is used, not even inside a callback, before the line that makes it.
		files: ['sidecar/src/sidecar.ts', 'sidecar/src/connections.ts'],
		rules: {
			'@typescript-eslint/no-use-before-define': ['error', { functions: false, classes: true, variables: true, typedefs: false, ignoreTypeReferences: true }],
		},
	},
	{
		// The fake WhatsApp Web page: browser scripts sharing one scope (see pageBundle.ts),
		// so a declaration is used by another file; tsc checks them as a whole.
		files: ['test/fake-whatsapp-web/page/**/*.ts'],
		rules: { '@typescript-eslint/no-unused-vars': 'off' },
	},
];
