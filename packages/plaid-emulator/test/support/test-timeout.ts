// Contract tests start a server and walk whole sync histories: more than jest's 5 s default.
jest.setTimeout(60_000);
