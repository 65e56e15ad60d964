// The admin-areas module's face to the other modules: what they may use of it.
export { adminAreaByCode, adminAreas, provincesWithCommunes } from "./areas.ts";
