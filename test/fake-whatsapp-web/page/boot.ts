// Entry point: the module loader first (the library may look for it at any time),
// then the control channel, then the page "loads".

applyRenames();
window.require = requireModule;
window.__fakeWA = { pageId: PAGE_ID, session, Socket, Conn, Msg, Chat, status: pageStatus };
openChannel();
bootSession().catch((error) => console.error('[fake-wa] boot failed', error));
