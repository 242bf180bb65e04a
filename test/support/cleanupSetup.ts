import { removeTestDataDirs } from './testSidecar';

// A safety net for loaded machines; unit tests take milliseconds.
jest.setTimeout(30_000);

// Test sidecars' data folders, once the file's sidecars are stopped.
afterAll(() => removeTestDataDirs());
