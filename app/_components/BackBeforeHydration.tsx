import { headers } from 'next/headers';
import { nonceOf } from '@/lib/security/headers';
import { RouterReady } from './RouterReady';

// Entries the router pushed are same-document: after a reload, Back before hydration changes the URL and
// nothing else, and the router, once hydrated, keeps the view it was served under the URL the browser went to.
// Until then a history move reloads the page at its new URL. docs/decisions/036-back-before-hydration.md
const RELOAD_UNTIL_ROUTER_READY = "addEventListener('popstate',function(){if(!window.__atlasRouterReady)location.reload()})";

/** Rendered first in the root layout's body, so that it runs before any of the page's scripts. */
export async function BackBeforeHydration() {
  const nonce = nonceOf(await headers());
  return (
    <>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: RELOAD_UNTIL_ROUTER_READY }} />
      <RouterReady />
    </>
  );
}
