// The API reference page (/docs/api): Swagger UI, served by this service from the swagger-ui-dist package, reading
// /openapi.json. Kept out of the HTML so the page runs under a Content-Security-Policy without inline script.
window.SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#api',
  deepLinking: true,
  tryItOutEnabled: false,
  // No validator badge: it would send the document to an outside service.
  validatorUrl: null,
});
