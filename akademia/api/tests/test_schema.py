"""The published OpenAPI schema and its documentation page."""

from django.test import Client


def test_the_schema_is_published_as_openapi_3(db):
    schema = Client().get("/api/v1/schema/?format=json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/projekty/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    listing = schema["paths"]["/api/v1/nabory/"]["get"]
    names = {p["name"] for p in listing["parameters"]}
    assert {"page", "page_size", "project", "voivodeship", "status"} <= names
    assert {"200", "400", "401", "403", "404"} <= listing["responses"].keys()


def test_the_docs_page_runs_from_local_files_under_the_csp(db):
    response = Client().get("/api/v1/dokumentacja/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>" not in page and "<style" not in page and "style=" not in page
    assert "swagger-ui-bundle.js" in page and "api/js/docs.js" in page
    assert "http://" not in page.replace("http://testserver", "")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    for asset in (
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
        "/static/api/js/docs.js",
    ):
        assert Client().get(asset).status_code == 200, asset
