import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { createApp } from "../../worker/app";
import { openApiDocument } from "../../worker/routes/docs/openapi-config";

describe("the OpenAPI document (checked in Node by a real validator)", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const doc = openApiDocument(createApp(), "http://localhost:8787");
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(doc)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("would catch a broken document (the validator is really checking)", async () => {
    const doc = JSON.parse(JSON.stringify(openApiDocument(createApp(), "http://localhost:8787")));
    doc.paths["/api/v1/villages"].get.responses = "none";
    const result = await new Validator().validate(doc);
    expect(result.valid).toBe(false);
  });
});
