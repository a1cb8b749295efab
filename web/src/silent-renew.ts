import { UserManager } from 'oidc-client-ts'

// The page the provider sends the silent-renew iframe back to: hands the answer to the app in the
// parent window. The callback only posts the URL to its parent, so the settings are placeholders.
void new UserManager({
  authority: window.location.origin,
  client_id: 'fourinone-web',
  redirect_uri: window.location.href,
}).signinSilentCallback()
