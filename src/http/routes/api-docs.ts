import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import Router from '@koa/router';
import { html } from '../html.js';
import { buildOpenApi } from '../openapi.js';
import { staticFiles } from '../static-files.js';

export interface ApiDocsDeps {
  baseUrl: string;
  siteName: string;
}

/** Swagger UI's files, from the npm package (nothing fetched at run time). */
const SWAGGER_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const SWAGGER_FILES: Readonly<Record<string, string>> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
};

/** `/openapi.json` (OpenAPI 3.1, built once) and `/docs/api`, a readable reference served offline. */
export function apiDocsRoutes({ baseUrl, siteName }: ApiDocsDeps): Router {
  const router = new Router();
  const document = JSON.stringify(buildOpenApi({ baseUrl, siteName }));
  const sendSwaggerFile = staticFiles(
    SWAGGER_DIR,
    SWAGGER_FILES,
    'public, max-age=86400',
    (file) => `no file "${file}" in the API reference`,
  );

  router.get('/openapi.json', async (ctx) => {
    ctx.type = 'application/json; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = document;
  });

  router.get('/docs/api', async (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API · ${siteName}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/docs/api/swagger-ui.css">
<script src="/docs/api/swagger-ui-bundle.js" defer></script>
<script src="/assets/api-docs.js" defer></script>
</head>
<body>
<div id="api"></div>
</body>
</html>
`.value;
  });

  router.get('/docs/api/:file', (ctx) => sendSwaggerFile(ctx, ctx.params.file!));

  return router;
}
