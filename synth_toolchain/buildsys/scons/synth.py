"""SCons tool for synth: WebAssembly modules as object files.

    env = Environment(tools=['default', 'synth'], toolpath=[SYNTH_SCONS_DIR])
    env.Program('fw.elf', ['main.c', 'ctrl.wasm', 'filter.wat'])

`synth --scons-dir` prints the directory to use as toolpath (the repository
also has it as site_scons/site_tools/synth.py).  `.wasm` and `.wat` sources
become objects through synth-cc, on Object, StaticObject and SynthObject.

Construction variables:
  SYNTHCC         the driver (default: synth-cc next to this installation,
                  else on the environment's or the process's PATH)
  SYNTHCCFLAGS    options for wasm sources only (-O2, -msynth-prefix=ctrl_, …)
  SYNTHARCHFLAGS  target options; default: the -mcpu=/-mthumb/-mfloat-abi=/
                  -mfpu= options found in CCFLAGS and CFLAGS, so wasm objects
                  match the C objects they are linked with
  SYNTHCCCOM      the command line; SYNTHCCCOMSTR its display form
  SYNTHCCVERSION  `synth-cc --version`: part of the build signature, so a
                  new compiler rebuilds every wasm object

Each object has its report (X.synth.yaml) next to it, declared as a side
effect and removed by `scons -c`; so is its page (X.synth.html) when
SYNTHCCFLAGS has -fsynth-report-html.
"""

import os
import shutil
import subprocess

import SCons.Action
import SCons.Builder
import SCons.Tool
import SCons.Util

SUFFIXES = ['.wasm', '.wat']
_ARCH_PREFIXES = ('-mcpu=', '-mfloat-abi=', '-mfpu=')


def _candidates():
    """synth-cc where this file's installation keeps it: <prefix>/bin next to
    site-packages, or a .venv beside a source checkout."""
    path = os.path.dirname(os.path.abspath(__file__))
    while True:
        for sub in ('bin', os.path.join('.venv', 'bin'), 'Scripts'):
            yield os.path.join(path, sub, 'synth-cc')
        parent = os.path.dirname(path)
        if parent == path:
            return
        path = parent


def find_synthcc(env):
    """Absolute path of synth-cc, or None.  SCons runs commands with a minimal
    PATH, so a synth installed in a virtual environment is found by location."""
    given = env.get('SYNTHCC')
    if given:
        return env.WhereIs(given) or (given if os.path.isfile(given) else None)
    for c in _candidates():
        if os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    return env.WhereIs('synth-cc') or shutil.which('synth-cc')


def arch_flags(env):
    """The target options of the C build, for wasm objects to match them."""
    out = []
    for var in ('CCFLAGS', 'CFLAGS'):
        for flag in SCons.Util.flatten(env.get(var, [])):
            flag = env.subst(str(flag))
            if flag.startswith(_ARCH_PREFIXES) or flag == '-mthumb':
                if flag not in out:
                    out.append(flag)
    return out


def _version(cc):
    try:
        r = subprocess.run([cc, '--version'], capture_output=True, text=True, timeout=60)
    except OSError:
        return 'unknown'
    return r.stdout.splitlines()[0].strip() if r.returncode == 0 and r.stdout else 'unknown'


def _report_emitter(target, source, env):
    """Declare each object's report (and with -fsynth-report-html its page) as
    a side effect, cleaned with the object."""
    suffixes = ['.synth.yaml']
    if '-fsynth-report-html' in env.subst('$SYNTHCCFLAGS').split():
        suffixes.append('.synth.html')
    for t in target:
        base, _ = os.path.splitext(str(t))
        for suffix in suffixes:
            report = env.File(base + suffix)
            env.SideEffect(report, t)
            env.Clean(t, report)
    return target, source


_ACTION = SCons.Action.Action('$SYNTHCCCOM', '$SYNTHCCCOMSTR', varlist=['SYNTHCCVERSION'])


def generate(env):
    cc = find_synthcc(env)
    env['SYNTHCC'] = cc or 'synth-cc'
    env.SetDefault(SYNTHCCFLAGS=SCons.Util.CLVar(''),
                   SYNTHARCHFLAGS='${_synth_arch_flags(__env__)}',
                   SYNTHCCCOMSTR='')
    env['_synth_arch_flags'] = arch_flags
    env['SYNTHCCCOM'] = '$SYNTHCC $SYNTHARCHFLAGS $SYNTHCCFLAGS -c -o $TARGET $SOURCE'
    if 'SYNTHCCVERSION' not in env:
        env['SYNTHCCVERSION'] = _version(cc) if cc else 'unknown'
    static_obj, shared_obj = SCons.Tool.createObjBuilders(env)
    for suffix in SUFFIXES:
        for builder in (static_obj, shared_obj):
            builder.add_action(suffix, _ACTION)
            builder.add_emitter(suffix, _report_emitter)
    env['BUILDERS']['SynthObject'] = SCons.Builder.Builder(
        action=_ACTION, emitter=_report_emitter, src_suffix=SUFFIXES,
        suffix='$OBJSUFFIX', single_source=True)


def exists(env):
    return find_synthcc(env) is not None
