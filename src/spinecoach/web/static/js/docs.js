// @ts-check
// Start Swagger UI on /openapi.json; kept out of the page because the CSP forbids inline script.
window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
