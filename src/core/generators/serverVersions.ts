/**
 * What each proxy version accepts, apart from the templates so a new release is one row here.
 * Sources: nginx CHANGES (`http2 on;` is new in 1.25.1; before it HTTP/2 is a flag of `listen`) and Caddy's
 * release notes (2.7 renamed `buffer_requests` / `buffer_responses` to `request_buffers` / `response_buffers`
 * with a size each; 2.8 removed the old names). Debian 12 ships nginx 1.22.1 and Caddy 2.6.2.
 */
export const NGINX_VERSIONS = {
  '1.22': { label: 'nginx 1.22 (Debian 12)', http2: 'listen-flag' },
  '1.25+': { label: 'nginx 1.25.1 or newer', http2: 'directive' },
} as const satisfies Record<string, { label: string; http2: 'listen-flag' | 'directive' }>;

export interface CaddyBuffering {
  /** Directives that turn buffering on; `sized` ones take the buffer size as their argument. */
  request: string;
  response: string;
  sized: boolean;
  /** Caddy 2.6's separate cap on both buffers; null where the size follows each directive. */
  limit: string | null;
}

export const CADDY_VERSIONS = {
  '2.6': {
    label: 'Caddy 2.6 (Debian 12)',
    buffering: {
      request: 'buffer_requests',
      response: 'buffer_responses',
      sized: false,
      limit: 'max_buffer_size',
    },
  },
  '2.7+': {
    label: 'Caddy 2.7 or newer',
    buffering: { request: 'request_buffers', response: 'response_buffers', sized: true, limit: null },
  },
} as const satisfies Record<string, { label: string; buffering: CaddyBuffering }>;

export type NginxVersion = keyof typeof NGINX_VERSIONS;
export type CaddyVersion = keyof typeof CADDY_VERSIONS;

export interface ServerVersions {
  nginx: NginxVersion;
  caddy: CaddyVersion;
}

/** Debian 12 (bookworm): the versions `apt install nginx caddy` gives. */
export const DEBIAN_VERSIONS: ServerVersions = { nginx: '1.22', caddy: '2.6' };
