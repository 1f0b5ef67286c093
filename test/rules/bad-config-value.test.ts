import rule from '../../src/rules/bad-config-value.js';
import { RuleTester } from '../helpers/rule-tester.js';
import { bundle, CONTAINER, EXIT0, EXIT1 } from './log-rules.fixtures.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'a panic with no configuration words', context: { files: bundle(EXIT1, ['panic: runtime error: index out of range [3] with length 3']), container: CONTAINER } },
    { name: 'the message on a clean exit', context: { files: bundle(EXIT0, ['invalid value ignored, using default']), container: CONTAINER } },
  ],
  invalid: [
    {
      name: 'a klog F line: the port is taken (hostNetwork, or two containers on one port)',
      context: { files: bundle(EXIT1, ['I0210 01:36:39.123289       5 flags.go:159] Watching for ingress class: nginx', 'F0210 01:36:39.123645       5 main.go:59] Port 80 is already in use. Please check the flag --http-port']), container: CONTAINER },
      expect: { category: 'bad-config-value', evidence: [{ line: 2, text: /already in use/ }], remediation: [/hostNetwork/] },
    },
    {
      name: "Spring Boot's failure analysis: a placeholder with no value behind it",
      context: {
        files: bundle(EXIT1, [
          '2025-03-01 10:00:02.120 ERROR 1 --- [main] o.s.boot.SpringApplication : Application run failed',
          "java.lang.IllegalArgumentException: Could not resolve placeholder 'DB_URL' in value \"${DB_URL}\"",
          '\tat org.springframework.util.PropertyPlaceholderHelper.parseStringValue(PropertyPlaceholderHelper.java:180)',
        ]),
        container: CONTAINER,
      },
      expect: { category: 'bad-config-value', evidence: [{ line: 2, text: /Could not resolve placeholder 'DB_URL'/ }] },
    },
    {
      name: 'a service-link value read as a port, then a panic: the parse error is the cause',
      context: {
        files: { 'memos.log': "* cannot parse 'Port' as int: strconv.ParseInt: parsing \"tcp://10.43.7.62:5230\": invalid syntax\npanic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x30 pc=0xd7adfd]\n" },
        container: '<container>',
      },
      expect: { category: 'bad-config-value', evidence: [{ line: 1, text: /strconv\.ParseInt/ }], remediation: [/enableServiceLinks: false/] },
    },
    {
      name: 'the JVM rejects an option from JAVA_OPTS: the option line, not the launcher epilogue',
      context: {
        files: bundle(EXIT1, ['Unrecognized option: -Xlog:gc:/data/gc.log', 'Error: Could not create the Java Virtual Machine.', 'Error: A fatal exception has occurred. Program will exit.']),
        container: CONTAINER,
      },
      expect: { category: 'bad-config-value', evidence: [{ line: 1, text: /Unrecognized option/ }] },
    },
    {
      name: 'a typed field decoded from a string (json-iterator)',
      context: { files: bundle(EXIT1, ['E0925 10:39:19.161875       1 reflector.go:153] Failed to list *v1alpha1.Configuration: v1alpha1.MTLSSpec.Enabled: ReadBool: expect t or f, but found "']), container: CONTAINER },
      expect: { category: 'bad-config-value', evidence: [{ line: 1, text: /ReadBool: expect/ }] },
    },
    {
      name: 'Python int() of an env value',
      context: {
        files: bundle(EXIT1, ['Traceback (most recent call last):', '  File "/app/settings.py", line 9, in <module>', '    WORKERS = int(os.environ["WORKERS"])', "ValueError: invalid literal for int() with base 10: 'eight'"]),
        container: CONTAINER,
      },
      expect: { category: 'bad-config-value', evidence: [{ line: 4, text: /ValueError: invalid literal for int\(\)/ }] },
    },
    {
      name: 'Go flag parse error',
      context: { files: bundle(EXIT1, ['invalid value "10x" for flag -workers: parse error', 'Usage of /server:']), container: CONTAINER },
      expect: { category: 'bad-config-value', evidence: [{ line: 1, text: /invalid value "10x" for flag -workers/ }] },
    },
  ],
});
