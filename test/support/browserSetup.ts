import { removeDataPaths } from '../harness/support/bareClient';
import { removeTestDataDirs } from './testSidecar';

// Browser tests start real Chromium on a shared 2-core machine: give them room.
// (jest's testTimeout is a global option, so the browser project sets it here.)
jest.setTimeout(120_000);

// Chrome profiles made by the file's tests; their browsers are closed by then.
afterAll(() => removeDataPaths());
afterAll(() => removeTestDataDirs());
