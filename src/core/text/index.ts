export { splitUnits, nextUnit, acceptNextChars, acceptNextText, nextClause, cutToWholeUnits } from './units';
export { NO_TERMS, termsOf, termsFromNames, type Terms } from './terms';
