# CMake package for synth, the WebAssembly compiler for Cortex-M.
#
#   find_package(synth CONFIG REQUIRED)        # CMAKE_PREFIX_PATH=<environment>, or
#                                              # -Dsynth_DIR=$(synth --cmake-dir)
#   add_executable(fw.elf main.c)
#   synth_add_wasm_object(fw.elf ctrl.wasm CPU cortex-m4 PREFIX ctrl_ OPTIONS -O2)
#
# or, as a language of its own:
#
#   enable_language(SYNTH)                     # after find_package(synth)
#   add_executable(fw.elf main.c ctrl.wasm)    # flags: CMAKE_SYNTH_FLAGS
#
# Either way wasm objects get the target options of the final C flags of
# their directory (SynthTargetOptions.cmake), and each object's report is
# next to it: CMakeFiles/<target>.dir/<source>.synth.yaml.
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

# wasm objects take -mcpu=, -mthumb, -mfloat-abi=, -mfpu= from the C flags
# their directory ends up with (read when configuration is complete)
include("${CMAKE_CURRENT_LIST_DIR}/SynthTargetOptions.cmake")

# synth_add_wasm_object(<target> <source>... [CPU <cpu>] [PREFIX <prefix>] [OPTIONS <opt>...])
#
# Compiles each .wasm/.wat source with synth-cc into an object linked into
# <target>.  The target options (-mcpu=, -mthumb, -mfloat-abi=, -mfpu=) are
# those of the C flags of <target>'s directory at the end of configuration;
# CPU replaces their -mcpu=; PREFIX becomes -msynth-prefix= (needed when one
# image links several modules); OPTIONS go to synth-cc as they are, last.
# Object, dependency file and report are where CMake puts the object of a
# source of <target>, as for enable_language(SYNTH):
#   <target binary dir>/CMakeFiles/<target>.dir/<source>.o, .o.d, .synth.yaml
# (and .synth.html with OPTIONS -fsynth-report-html)
# (<source>: the path relative to the target's source or binary directory,
# else the file name).
function(synth_add_wasm_object target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "CPU;PREFIX" "OPTIONS")
  if(NOT TARGET ${target})
    message(FATAL_ERROR "synth_add_wasm_object: no target named '${target}'")
  endif()
  if(NOT ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "synth_add_wasm_object(${target}): no sources")
  endif()
  set(_arch "$<TARGET_PROPERTY:${target},SYNTH_C_TARGET_OPTIONS>")
  set(_cpu)
  if(ARG_CPU)
    set(_arch "$<FILTER:${_arch},EXCLUDE,^-mcpu=>")
    set(_cpu "-mcpu=${ARG_CPU}")
  endif()
  set(_prefix)
  if(DEFINED ARG_PREFIX)
    set(_prefix "-msynth-prefix=${ARG_PREFIX}")
  endif()
  get_target_property(_tsrc ${target} SOURCE_DIR)
  get_target_property(_tbin ${target} BINARY_DIR)
  set(_objdir "${_tbin}/CMakeFiles/${target}.dir")
  foreach(_src IN LISTS ARG_UNPARSED_ARGUMENTS)
    get_filename_component(_abs "${_src}" ABSOLUTE)
    cmake_path(IS_PREFIX _tsrc "${_abs}" NORMALIZE _in_src)
    cmake_path(IS_PREFIX _tbin "${_abs}" NORMALIZE _in_bin)
    if(_in_bin)                     # the binary dir may lie inside the source dir
      file(RELATIVE_PATH _rel "${_tbin}" "${_abs}")
    elseif(_in_src)
      file(RELATIVE_PATH _rel "${_tsrc}" "${_abs}")
    else()
      get_filename_component(_rel "${_abs}" NAME)
    endif()
    set(_obj "${_objdir}/${_rel}.o")
    get_filename_component(_dir "${_obj}" DIRECTORY)
    string(REGEX REPLACE "\\.o$" ".synth.yaml" _report "${_obj}")
    set(_byproducts "${_report}")
    if("-fsynth-report-html" IN_LIST ARG_OPTIONS)      # the report as a page, beside it
      string(REGEX REPLACE "\\.o$" ".synth.html" _html "${_obj}")
      list(APPEND _byproducts "${_html}")
    endif()
    file(RELATIVE_PATH _shown "${CMAKE_BINARY_DIR}" "${_obj}")
    add_custom_command(
      OUTPUT "${_obj}"
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${_dir}"
      COMMAND synth::synth-cc "${_arch}" ${_cpu} ${_prefix} ${ARG_OPTIONS}
              -MD -MF "${_obj}.d" -c "${_abs}" -o "${_obj}"
      DEPENDS "${_abs}" synth::synth-cc
      DEPFILE "${_obj}.d"
      BYPRODUCTS ${_byproducts}
      COMMENT "Building WebAssembly object ${_shown}"
      COMMAND_EXPAND_LISTS
      VERBATIM)
    set_source_files_properties("${_obj}" PROPERTIES EXTERNAL_OBJECT TRUE GENERATED TRUE)
    target_sources(${target} PRIVATE "${_obj}")
  endforeach()
endfunction()

set(synth_FOUND TRUE)
