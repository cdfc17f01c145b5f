// Links meant for the publisher (platform previews, the playground) are shown only in a tab that holds the API token
// (entered once in the playground, kept in session storage): readers of the public pages never see them.
if (sessionStorage.getItem('syndicard.token')) {
  for (const element of document.querySelectorAll('[data-token-only]')) element.hidden = false;
}
