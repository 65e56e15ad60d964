// The people module's face to the other modules: what they may use of it.
export { personPolicy, personReadWhere } from "./policy.ts";
export { findPerson, type PeopleScope, peopleInScope } from "./queries.ts";
