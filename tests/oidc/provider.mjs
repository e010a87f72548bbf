// A real OpenID Connect provider for the test suite (panva's oidc-provider), on loopback: the municipality's
// identity provider in the login tests (tests/oidc/conftest fixtures in tests/conftest.py start it).
//
// Environment:
//   PORT            the port to listen on (127.0.0.1); the issuer is http://127.0.0.1:PORT
//   ACCOUNTS_FILE   a JSON file {"<sub>": {"email", "password", "given_name", "family_name", "groups": [...]}},
//                   read again at every lookup: a test removes an account (or changes its groups) by rewriting it
//   CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, POST_LOGOUT_REDIRECT_URI   the one client, Kompotten
//
// The login page is a plain form (e-mail, password); consent is implied for the one first-party client, and the
// end-session page ends the session without asking, as a municipality's single sign-on would be set up.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const { PORT, ACCOUNTS_FILE, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, POST_LOGOUT_REDIRECT_URI } = process.env;
const issuer = `http://127.0.0.1:${PORT}`;

function accounts() {
  return JSON.parse(readFileSync(ACCOUNTS_FILE, 'utf8'));
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [REDIRECT_URI],
      post_logout_redirect_uris: [POST_LOGOUT_REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  jwks: { keys: [{ ...signingKey, kid: 'test', alg: 'RS256', use: 'sig' }] },
  cookies: { keys: ['kompotten-test-provider'] },
  scopes: ['openid', 'email', 'profile', 'groups'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['given_name', 'family_name', 'name'],
    groups: ['groups'],
  },
  async findAccount(ctx, sub) {
    const account = accounts()[sub];
    if (!account) return undefined; // removed at the provider
    return {
      accountId: sub,
      async claims() {
        return {
          sub,
          email: account.email,
          email_verified: true,
          given_name: account.given_name,
          family_name: account.family_name,
          name: `${account.given_name} ${account.family_name}`,
          groups: account.groups || [],
        };
      },
    };
  },
  async loadExistingGrant(ctx) {
    // Consent is implied: the one client is the municipality's own system.
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile groups');
    await grant.save();
    return grant;
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        // Ends the session without asking: the form, answered "yes" and sent at once.
        const yes = form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>');
        ctx.body = `<!DOCTYPE html><html lang="en"><head><title>Signing out</title></head><body>${yes}
          <script>document.forms[0].submit()</script></body></html>`;
      },
    },
  },
  pkce: { required: () => true },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
});

function page(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!DOCTYPE html><html lang="en"><head><title>Municipal sign-in</title></head><body>${body}</body></html>`);
}

function loginForm(uid, error = '') {
  return `<h1>Municipal sign-in</h1>${error ? `<p role="alert">${escape(error)}</p>` : ''}
    <form method="post" action="/interaction/${uid}/login">
      <label>Username <input name="email" type="email" autocomplete="username"></label>
      <label>Password <input name="password" type="password" autocomplete="current-password"></label>
      <button type="submit">Sign in</button>
    </form>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return Object.fromEntries(new URLSearchParams(body));
}

const callback = provider.callback();

const server = createServer(async (req, res) => {
  const match = req.url.match(/^\/interaction\/([^/?]+)(\/login)?/);
  if (!match) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') return page(res, 200, loginForm(details.uid));
    const { email, password } = await readForm(req);
    const found = Object.entries(accounts()).find(
      ([, account]) => account.email.toLowerCase() === String(email).toLowerCase() && account.password === password,
    );
    if (!found) return page(res, 200, loginForm(details.uid, 'Unknown user or wrong password.'));
    await provider.interactionFinished(req, res, { login: { accountId: found[0] } }, { mergeWithLastSubmission: false });
  } catch (error) {
    page(res, 400, `<p role="alert">${escape(error.message)}</p>`);
  }
});

server.listen(Number(PORT), '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
