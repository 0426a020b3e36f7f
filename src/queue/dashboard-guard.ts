/**
 * What stands between the network and Bull Board, whose API can add, retry and remove jobs:
 *
 * - the Host header must name the address the dashboard is bound to (or an allowed name): a
 *   page on another site whose name was pointed at this address (DNS rebinding) is refused;
 * - without a password the dashboard is read-only: GET and HEAD only;
 * - with a password (CLEANWIRE_DASHBOARD_PASSWORD) every request needs it (HTTP basic auth,
 *   compared in constant time on SHA-256 digests, so neither content nor length leaks);
 * - a state-changing request from a browser must come from the dashboard's own page: an Origin
 *   or Sec-Fetch-Site header naming another site is refused, so a cross-site form cannot ride on
 *   credentials the browser remembers;
 * - pages may not be framed (clickjacking).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';

export interface GuardOptions {
  /** Host header values accepted (`host:port`, lower case). */
  readonly allowedHosts: ReadonlySet<string>;
  readonly user: string;
  /** Empty: read-only, no login. */
  readonly password: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

const bracket = (host: string) => (host.includes(':') ? `[${host}]` : host);

/**
 * Host header values that reach a server bound to `host`:`port`: the address itself, and the
 * loopback names for a loopback or wildcard address (a wildcard address adds every local
 * interface address). `extra` names more (a published port or a DNS name in front of it).
 */
export function allowedHosts(host: string, port: number, extra: readonly string[] = []): Set<string> {
  const names = new Set<string>([host.toLowerCase()]);
  const loopback = ['127.0.0.1', 'localhost', '::1'];
  const wildcard = host === '0.0.0.0' || host === '::';
  if (wildcard || loopback.includes(host)) for (const name of loopback) names.add(name);
  if (wildcard) {
    for (const list of Object.values(networkInterfaces()))
      for (const address of list ?? []) names.add(address.address.toLowerCase());
  }
  const hosts = new Set([...names].map((name) => `${bracket(name)}:${port}`));
  for (const name of extra) if (name.trim()) hosts.add(name.trim().toLowerCase());
  return hosts;
}

function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  // Drop the body unread and the connection after the answer: the client must not send the next
  // request on a connection that still carries the rest of this one.
  res.req.resume();
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close', ...headers });
  res.end(`${message}\n`);
}

function authorised(req: IncomingMessage, expected: Buffer): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  const given = match ? Buffer.from(match[1] as string, 'base64').toString('utf8') : '';
  // Compared even when nothing was given, so that the answer takes as long either way.
  return timingSafeEqual(digest(given), expected) && match !== null;
}

/** Whether a browser says the request comes from another site. */
function crossSite(req: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    const url = new URL(origin);
    return !allowed.has(url.host.toLowerCase());
  } catch {
    // `Origin: null` (a sandboxed frame, a file) or garbage: not our page.
    return true;
  }
}

export function guard(handler: RequestListener, options: GuardOptions): RequestListener {
  const expected = digest(`${options.user}:${options.password}`);
  const locked = options.password !== '';
  return (req, res) => {
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('content-security-policy', "frame-ancestors 'none'");
    res.setHeader('x-content-type-options', 'nosniff');
    const host = (req.headers.host ?? '').toLowerCase();
    if (!options.allowedHosts.has(host)) {
      refuse(res, 421, `host ${JSON.stringify(host.slice(0, 100))} is not this dashboard's address`);
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const safe = SAFE_METHODS.has(method);
    if (locked && !authorised(req, expected)) {
      refuse(res, 401, 'this dashboard needs a login', {
        'www-authenticate': 'Basic realm="cleanwire", charset="UTF-8"',
      });
      return;
    }
    if (!safe && !locked) {
      refuse(res, 403, 'the dashboard is read-only: set CLEANWIRE_DASHBOARD_PASSWORD to change jobs from it');
      return;
    }
    if (!safe && crossSite(req, options.allowedHosts)) {
      refuse(res, 403, 'a change must come from the dashboard page itself');
      return;
    }
    handler(req, res);
  };
}
