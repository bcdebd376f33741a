export { splitUnits, nextUnit, acceptNextChars, nextClause, cutToWholeUnits } from './units';
