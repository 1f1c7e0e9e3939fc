// Calls the service's API with the signed-in token, sent as Label Studio's SDK sends it: a legacy
// key as "Authorization: Token", a personal access token (a JWT) exchanged for a short-lived access
// token sent as "Authorization: Bearer". The token lives in sessionStorage only.

const TOKEN_KEY = 'agreement.explorer.token';
const REFRESH_MARGIN_MS = 30_000;

export class ApiError extends Error {
  constructor(status, detail, path) {
    super(detail || `HTTP ${status}`);
    this.status = status;
    this.detail = detail || `The service answered ${status}`;
    this.path = path;
  }
}

/** The request never got an answer: the service is down or the network is. */
export class NetworkError extends Error {}

let access = null; // {token, expiresAt} for a personal access token

export function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function signIn(token) {
  sessionStorage.setItem(TOKEN_KEY, token.trim());
  access = null;
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  access = null;
}

function base64UrlJson(part) {
  const padded = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  return JSON.parse(atob(padded));
}

/** The claims of a JWT, or null when the token is not one (then it is a legacy key). */
export function jwtClaims(token) {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) {
    return null;
  }
  try {
    const claims = base64UrlJson(parts[1]);
    return typeof claims === 'object' && claims !== null ? claims : null;
  } catch {
    return null;
  }
}

async function send(path, options) {
  try {
    return await fetch(path, options);
  } catch (e) {
    throw new NetworkError(`Could not reach the service (${e.message})`);
  }
}

async function errorOf(response, path) {
  let detail = null;
  try {
    const body = await response.json();
    detail = body.detail || body.message || null;
  } catch {
    // a proxy's HTML error page: the status says enough
  }
  return new ApiError(response.status, detail, path);
}

async function bearer(refreshToken) {
  if (access && access.expiresAt - REFRESH_MARGIN_MS > Date.now()) {
    return access.token;
  }
  const response = await send('/api/token/refresh/', {
    method: 'POST',
    headers: {'Content-Type': 'application/json', Accept: 'application/json'},
    body: JSON.stringify({refresh: refreshToken}),
  });
  if (!response.ok) {
    const error = await errorOf(response, '/api/token/refresh/');
    // A refused refresh token is a failed sign-in; a server error stays one.
    throw response.status < 500 ? new ApiError(401, error.detail, error.path) : error;
  }
  const body = await response.json();
  const claims = jwtClaims(body.access) || {};
  access = {token: body.access, expiresAt: (claims.exp || 0) * 1000};
  return access.token;
}

async function authorization() {
  const token = storedToken();
  if (!token) {
    throw new ApiError(401, 'Sign in with an API token or a personal access token', null);
  }
  return jwtClaims(token) ? `Bearer ${await bearer(token)}` : `Token ${token}`;
}

/** The raw response of an authenticated call; non-2xx answers throw ApiError. */
export async function request(path, {method = 'GET', body} = {}) {
  const headers = {Authorization: await authorization(), Accept: 'application/json'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await send(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw await errorOf(response, path);
  }
  return response;
}

export async function getJson(path) {
  return (await request(path)).json();
}

export async function sendJson(method, path, body) {
  return (await request(path, {method, body})).json();
}
