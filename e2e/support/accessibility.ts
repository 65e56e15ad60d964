// Every end-to-end test fails on a serious or critical axe-core violation met on any page it
// visited (support/axe.ts audits them as they are shown).
import { afterEach, beforeEach, expect } from "vitest";
import { violations } from "./axe.ts";

beforeEach(() => {
  violations.length = 0;
});

afterEach(() => {
  expect(violations, "axe-core: serious or critical accessibility violations").toEqual([]);
});
