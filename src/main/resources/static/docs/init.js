// Swagger UI on the contract file the service serves, unchanged: /api-spec.yaml
window.ui = SwaggerUIBundle({ url: '/api-spec.yaml', dom_id: '#swagger-ui', deepLinking: true });
