// Each e2e file starts n8n, a sidecar and Chromium on a shared machine: give them room.
jest.setTimeout(300_000);
