import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { formatClientError } from '../../../src/errors/error-mapping';
import type { ConnectionContext } from '../../../src/server/websocket-connection';
import { closeAtTokenExpiry, refusalOfExpiredToken, TOKEN_EXPIRED_CLOSE } from '../../../src/server/websocket-session-expiry';

const NOW = 1_700_000_000_000;

/** What the functions use of a `ws` socket: its state, its close and its 'close' event. */
class FakeSocket extends EventEmitter {
  readonly CLOSED = 3;
  readyState = 1;
  readonly close = jest.fn(() => {
    this.readyState = 2;
  });
}

const user = (expiresAtMs: number) => ({ id: 'user-1', scopes: [], expiresAtMs });
const contextOf = (socket: FakeSocket, expiresAtMs?: number) =>
  ({ extra: { socket, user: expiresAtMs === undefined ? undefined : user(expiresAtMs) } }) as unknown as ConnectionContext;

describe('WebSocket session expiry', () => {
  it('closes with 4403 "Token expired", graphql-ws\'s Forbidden', () => {
    expect(TOKEN_EXPIRED_CLOSE).toEqual({ code: 4403, reason: 'Token expired' });
  });

  describe('the re-check before every operation', () => {
    it.each([
      ['an hour before the expiry', false, NOW + 3_600_000],
      ['a millisecond before', false, NOW + 1],
      ['at the expiry', true, NOW],
      ['a minute after', true, NOW - 60_000],
    ])('%s: refused and socket closed = %s', (_name, refused, expiresAtMs) => {
      const socket = new FakeSocket();
      const errors = refusalOfExpiredToken(contextOf(socket, expiresAtMs), NOW);
      expect(errors !== undefined).toBe(refused);
      expect(socket.close.mock.calls).toEqual(refused ? [[4403, 'Token expired']] : []);
    });

    it('refuses with UNAUTHENTICATED "The token has expired", so the operation never runs', () => {
      const errors = refusalOfExpiredToken(contextOf(new FakeSocket(), NOW - 1), NOW)!;
      expect(errors.map((error) => formatClientError(error.toJSON(), error))).toEqual([
        { message: 'The token has expired', extensions: { code: 'UNAUTHENTICATED' } },
      ]);
    });

    it('leaves a connection without a user to graphql-ws (it refuses operations before connection_init)', () => {
      const socket = new FakeSocket();
      expect(refusalOfExpiredToken(contextOf(socket), NOW)).toBeUndefined();
      expect(socket.close).not.toHaveBeenCalled();
    });
  });

  describe('the timer of a connection', () => {
    beforeEach(() => jest.useFakeTimers({ now: NOW }));
    afterEach(() => jest.useRealTimers());

    const arm = (socket: FakeSocket, expiresAtMs: number) => closeAtTokenExpiry(socket as unknown as WebSocket, user(expiresAtMs));

    it('closes the socket with 4403 when the token expires', () => {
      const socket = new FakeSocket();
      arm(socket, NOW + 2_000);
      expect(jest.getTimerCount()).toBe(1);
      jest.advanceTimersByTime(1_999);
      expect(socket.close).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(socket.close.mock.calls).toEqual([[4403, 'Token expired']]);
    });

    it('is cleared when the socket closes first', () => {
      const socket = new FakeSocket();
      arm(socket, NOW + 2_000);
      socket.emit('close', 1000, Buffer.from(''));
      expect(jest.getTimerCount()).toBe(0);
      expect(socket.listenerCount('close')).toBe(0);
      jest.advanceTimersByTime(10_000);
      expect(socket.close).not.toHaveBeenCalled();
    });

    it('is never armed for a socket that closed while its token was being verified', () => {
      const socket = new FakeSocket();
      socket.readyState = socket.CLOSED;
      arm(socket, NOW + 2_000);
      expect(jest.getTimerCount()).toBe(0);
      expect(socket.listenerCount('close')).toBe(0);
    });
  });
});
