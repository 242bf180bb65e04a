import { removeTestDataDirs } from './testSidecar';

// Test sidecars' data folders, once the file's sidecars are stopped.
afterAll(() => removeTestDataDirs());
