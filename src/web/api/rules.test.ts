import { describe, expect, it } from 'vitest';
import { priceProblem } from './rules';

describe("fee standard price (REPAIR-3): the form names what the server's parser finds wrong", () => {
  it.each([
    ['0', null],
    ['30', null],
    ['12.3', null],
    ['12.30', null],
    [' 0.29 ', null],
    ['9999999.99', null],
    ['00000012.30', null],
    ['', null],
    ['12.345', 'fee.priceInvalid'],
    ['-1', 'fee.priceInvalid'],
    ['1e3', 'fee.priceInvalid'],
    ['十元', 'fee.priceInvalid'],
    ['10000000', 'fee.priceTooBig'],
    ['12345678.5', 'fee.priceTooBig'],
  ])('%j → %s', (text, problem) => {
    expect(priceProblem(text)).toBe(problem);
  });
});
