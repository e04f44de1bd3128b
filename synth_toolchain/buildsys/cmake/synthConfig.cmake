# CMake package for synth, the WebAssembly compiler for Cortex-M.
#
#   find_package(synth CONFIG REQUIRED)        # -Dsynth_DIR=$(synth --cmake-dir)
#   add_executable(fw.elf main.c)
#   synth_add_wasm_object(fw.elf ctrl.wasm CPU cortex-m4 PREFIX ctrl_ OPTIONS -O2)
#
# or, as a language of its own:
#
#   enable_language(SYNTH)                     # after find_package(synth)
#   add_executable(fw.elf main.c ctrl.wasm)    # flags: CMAKE_SYNTH_FLAGS
#
# Provides the imported executable synth::synth-cc (SYNTH_CC_EXECUTABLE can
# point at another one) and puts this directory on CMAKE_MODULE_PATH so
# enable_language(SYNTH) finds the language files next to this one.

cmake_minimum_required(VERSION 3.20)
include_guard(GLOBAL)

# synth-cc lives in the bin directory of the Python installation that holds
# this package (or the .venv of a source checkout); PATH is the fallback.
set(_synth_hints)
get_filename_component(_synth_dir "${CMAKE_CURRENT_LIST_DIR}" REALPATH)
foreach(_start IN ITEMS "${CMAKE_CURRENT_LIST_DIR}" "${_synth_dir}")
  set(_d "${_start}")
  foreach(_i RANGE 8)
    list(APPEND _synth_hints "${_d}/bin" "${_d}/.venv/bin" "${_d}/Scripts")
    get_filename_component(_d "${_d}" DIRECTORY)
  endforeach()
endforeach()
find_program(SYNTH_CC_EXECUTABLE synth-cc HINTS ${_synth_hints}
             DOC "the synth-cc driver used for WebAssembly sources")
unset(_synth_hints)
unset(_synth_dir)

if(NOT SYNTH_CC_EXECUTABLE)
  set(synth_FOUND FALSE)
  set(synth_NOT_FOUND_MESSAGE "synth-cc not found next to ${CMAKE_CURRENT_LIST_DIR} or on PATH")
  return()
endif()

if(NOT TARGET synth::synth-cc)
  add_executable(synth::synth-cc IMPORTED GLOBAL)
  set_target_properties(synth::synth-cc PROPERTIES IMPORTED_LOCATION "${SYNTH_CC_EXECUTABLE}")
endif()

list(APPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_LIST_DIR}")
list(REMOVE_DUPLICATES CMAKE_MODULE_PATH)

# The target options of the C build, so wasm objects match the C objects
# they are linked with: -mcpu=, -mthumb, -mfloat-abi=, -mfpu= of CMAKE_C_FLAGS.
function(_synth_arch_flags out)
  separate_arguments(_flags UNIX_COMMAND "${CMAKE_C_FLAGS}")
  set(_arch)
  foreach(_f IN LISTS _flags)
    if(_f MATCHES "^-m(cpu|float-abi|fpu)=" OR _f STREQUAL "-mthumb")
      list(APPEND _arch "${_f}")
    endif()
  endforeach()
  set(${out} "${_arch}" PARENT_SCOPE)
endfunction()

# synth_add_wasm_object(<target> <source>... [CPU <cpu>] [PREFIX <prefix>] [OPTIONS <opt>...])
#
# Compiles each .wasm/.wat source with synth-cc into an object linked into
# <target>.  CPU defaults to the -mcpu= of CMAKE_C_FLAGS; PREFIX becomes
# -msynth-prefix= (needed when one image links several modules); OPTIONS
# go to synth-cc as they are.  Objects land in <binary dir>/synth/<target>/
# with their dependency files and reports (<name>.synth.yaml, byproducts).
function(synth_add_wasm_object target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "CPU;PREFIX" "OPTIONS")
  if(NOT TARGET ${target})
    message(FATAL_ERROR "synth_add_wasm_object: no target named '${target}'")
  endif()
  if(NOT ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "synth_add_wasm_object(${target}): no sources")
  endif()
  _synth_arch_flags(_arch)
  if(ARG_CPU)
    list(FILTER _arch EXCLUDE REGEX "^-mcpu=")
    list(PREPEND _arch "-mcpu=${ARG_CPU}")
  endif()
  if(NOT _arch MATCHES "-mthumb")
    list(APPEND _arch -mthumb)
  endif()
  set(_prefix)
  if(DEFINED ARG_PREFIX)
    set(_prefix "-msynth-prefix=${ARG_PREFIX}")
  endif()
  set(_outdir "${CMAKE_CURRENT_BINARY_DIR}/synth/${target}")
  foreach(_src IN LISTS ARG_UNPARSED_ARGUMENTS)
    get_filename_component(_abs "${_src}" ABSOLUTE)
    get_filename_component(_name "${_src}" NAME_WE)
    set(_obj "${_outdir}/${_name}.o")
    set(_dep "${_outdir}/${_name}.d")
    set(_report "${_outdir}/${_name}.synth.yaml")
    file(RELATIVE_PATH _shown "${CMAKE_BINARY_DIR}" "${_obj}")
    add_custom_command(
      OUTPUT "${_obj}"
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${_outdir}"
      COMMAND synth::synth-cc ${_arch} ${_prefix} ${ARG_OPTIONS}
              -MD -MF "${_dep}" -c "${_abs}" -o "${_obj}"
      DEPENDS "${_abs}" synth::synth-cc
      DEPFILE "${_dep}"
      BYPRODUCTS "${_report}"
      COMMENT "Building WebAssembly object ${_shown}"
      VERBATIM)
    set_source_files_properties("${_obj}" PROPERTIES EXTERNAL_OBJECT TRUE GENERATED TRUE)
    target_sources(${target} PRIVATE "${_obj}")
  endforeach()
endfunction()

set(synth_FOUND TRUE)
