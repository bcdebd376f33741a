export { splitUnits, nextUnit, nextClause, cutToWholeUnits } from './units';
