export { splitUnits, nextUnit, acceptNextChars, acceptNextText, nextClause, cutToWholeUnits } from './units';
