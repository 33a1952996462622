// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { pinProblem } from '../../shared/domain/pin';
import { pinPairProblem } from '../../app/screens/console/PinFields';

describe('[A2] PIN rules', () => {
  it.each([
    ['4071', null],
    ['5192', null],
    ['135790', null],
    ['1212', null], // a repeated pair is weak but allowed: the rule refuses only the first guesses
    ['123456789012', 'pin-too-simple'],
    ['7890', 'pin-too-simple'],
    ['2109', 'pin-too-simple'],
    ['1357', null], // steps of two: allowed
    ['0000', 'pin-too-simple'],
    ['999999', 'pin-too-simple'],
    ['1234', 'pin-too-simple'],
    ['0123', 'pin-too-simple'],
    ['6789', 'pin-too-simple'],
    ['9876', 'pin-too-simple'],
    ['3210', 'pin-too-simple'],
    ['123', 'pin-format'],
    ['1234567890123', 'pin-format'],
    ['12a4', 'pin-format'],
    [' 4071', 'pin-format'],
    ['٤٠٧١', 'pin-format'], // Arabic-Indic digits: the keypad has only 0–9
    ['', 'pin-format'],
  ])('%j → %s', (pin, problem) => {
    expect(pinProblem(pin)).toBe(problem);
  });

  it('the console says what is wrong before sending: the rule first, then two PINs that differ', () => {
    expect(pinPairProblem('1234', '1234')).toMatch(/too easy to guess/);
    expect(pinPairProblem('4071', '4017')).toBe('The two PINs differ. Type the same PIN twice.');
    expect(pinPairProblem('4071', '4071')).toBeNull();
  });
});
