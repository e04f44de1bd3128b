# enable_language(SYNTH): find synth-cc (CMAKE_SYNTH_COMPILER, the SYNTHCC
# environment variable, the package's synth::synth-cc, or PATH).
if(NOT CMAKE_SYNTH_COMPILER)
  if(DEFINED ENV{SYNTHCC} AND NOT "$ENV{SYNTHCC}" STREQUAL "")
    set(CMAKE_SYNTH_COMPILER "$ENV{SYNTHCC}")
  elseif(SYNTH_CC_EXECUTABLE)
    set(CMAKE_SYNTH_COMPILER "${SYNTH_CC_EXECUTABLE}")
  else()
    find_program(CMAKE_SYNTH_COMPILER synth-cc)
  endif()
endif()
mark_as_advanced(CMAKE_SYNTH_COMPILER)
if(NOT CMAKE_SYNTH_COMPILER)
  message(FATAL_ERROR "enable_language(SYNTH): synth-cc not found; call find_package(synth) "
                      "first or set CMAKE_SYNTH_COMPILER")
endif()
set(CMAKE_SYNTH_COMPILER_ENV_VAR "SYNTHCC")
configure_file("${CMAKE_CURRENT_LIST_DIR}/CMakeSYNTHCompiler.cmake.in"
               "${CMAKE_PLATFORM_INFO_DIR}/CMakeSYNTHCompiler.cmake" @ONLY)
