/**
 * R-134a saturation: an Antoine fit, log10(p / bar) = A − B / (T / °C + C), least-squares fitted to the
 * saturation table (NIST REFPROP, as printed in the ASHRAE Handbook: 1.327 bar at −20 °C, 2.928 at 0 °C,
 * 5.717 at 20 °C, 10.166 at 40 °C, 16.818 at 60 °C). Within 0.2 % of the table from −20 to 60 °C, the
 * span of a water-cooled chiller's evaporator and condenser.
 */
const A = 4.32996;
const B = 948.437;
const C = 245.467;

/** standard atmosphere, bar: gauge = absolute − 1.01325 */
export const ATMOSPHERE_BAR = 1.01325;

/** Saturation pressure of R-134a, bar absolute, at a saturation temperature in °C. */
export function r134aSatPressureBar(tempC: number): number {
  return 10 ** (A - B / (tempC + C));
}

/** Saturation temperature of R-134a, °C, at an absolute pressure in bar (the fit's inverse). */
export function r134aSatTempC(pressureBarAbs: number): number {
  return B / (A - Math.log10(pressureBarAbs)) - C;
}
