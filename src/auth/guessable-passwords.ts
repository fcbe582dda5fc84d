// Refuses the passwords attackers try first: zxcvbn estimates how many guesses a password takes, matching it
// against the common-password and word lists, keyboard patterns, sequences, repeats and dates.
import { ZxcvbnFactory, type FeedbackType, type TranslationKeys } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

// zxcvbn scores 0-4; 3 needs about 10^8 guesses or more. Every password of 12 or more characters on the common
// list scores 0 or 1 (a dictionary match counts its rank as guesses), so this one rule also refuses all of them.
const lowestAcceptedScore = 3;

// The app's own name is the first word an attacker tries on it.
const pageWords = ['frontline'];

// language-common carries only the lists; these are zxcvbn's English words for its feedback keys.
const warnings: TranslationKeys['warnings'] = {
  straightRow: 'Straight rows of keys on the keyboard are easy to guess.',
  keyPattern: 'Short keyboard patterns are easy to guess.',
  simpleRepeat: 'Repeated characters like "aaa" are easy to guess.',
  extendedRepeat: 'Repeated patterns like "abcabcabc" are easy to guess.',
  sequences: 'Sequences like "abc" or "1234" are easy to guess.',
  recentYears: 'Recent years are easy to guess.',
  dates: 'Dates are easy to guess.',
  topTen: 'It is one of the most used passwords.',
  topHundred: 'It is a very often used password.',
  common: 'It is a commonly used password.',
  similarToCommon: 'It is close to a commonly used password.',
  wordByItself: 'Single words are easy to guess.',
  namesByThemselves: 'Single names or surnames are easy to guess.',
  commonNames: 'Common names and surnames are easy to guess.',
  userInputs: 'It contains the name of this site.',
  pwned: 'It has appeared in a data breach.',
};

const suggestions: TranslationKeys['suggestions'] = {
  l33t: 'Avoid predictable substitutions like "@" for "a".',
  reverseWords: 'Avoid reversed spellings of common words.',
  allUppercase: 'Capitalise some, but not all letters.',
  capitalization: 'Capitalise more than the first letter.',
  dates: 'Avoid dates and years that are associated with you.',
  recentYears: 'Avoid recent years.',
  associatedYears: 'Avoid years that are associated with you.',
  sequences: 'Avoid common character sequences.',
  repeated: 'Avoid repeated words and characters.',
  longerKeyboardPattern: 'Use longer keyboard patterns and change typing direction several times.',
  anotherWord: 'Add more words that are less common.',
  useWords: 'Use several words, but avoid common phrases.',
  noNeed: 'Strong passwords need no symbols, digits or capitals: a few uncommon words will do.',
  pwned: 'If you use this password elsewhere, change it there too.',
};

let estimator: ZxcvbnFactory | undefined;

// Built on first use: loading the lists takes a moment and memory that most requests never need. The estimate runs on
// the event loop and its time grows steeply with length and look-alike substitutions (two seconds for 256 characters
// of "p@ssw0rd"); the first 64 characters tell how guessable a password is, in a tenth of a second at most.
function passwordEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, maxLength: 64, l33tMaxSubstitutions: 20 });
  return estimator;
}

function inWords(feedback: FeedbackType): string {
  const warning = feedback.warning ? [warnings[feedback.warning as keyof typeof warnings] ?? ''] : [];
  const advice = feedback.suggestions.map((key) => suggestions[key as keyof typeof suggestions] ?? '');
  return [...warning, ...advice].filter(Boolean).join(' ');
}

/** Why a password is too easy to guess, in words for the form; null when it is hard enough. */
export function guessablePasswordProblem(password: string): string | null {
  const estimate = passwordEstimator().check(password, pageWords);
  if (estimate.score >= lowestAcceptedScore) return null;
  return `This password is too common or too easy to guess. ${inWords(estimate.feedback)}`.trim();
}
