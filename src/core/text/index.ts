export { splitUnits, nextUnit, acceptNextChars, acceptNextText, nextClause, cutToWholeUnits } from './units';
export { OFFICIAL_TERMS, termsOf, termsFromNames, type Terms } from './terms';
