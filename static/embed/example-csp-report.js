// Collects Content-Security-Policy violations, for the end-to-end check.
window.fujinCspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.fujinCspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
