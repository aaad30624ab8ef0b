// Swagger UI over the generated OpenAPI document, from the vendored swagger-ui-dist (no CDN).
window.ui = SwaggerUIBundle({
  url: document.getElementById("swagger-ui").dataset.openapi,
  dom_id: "#swagger-ui",
  deepLinking: true
});
